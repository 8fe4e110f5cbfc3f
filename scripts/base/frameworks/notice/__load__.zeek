@load ./main
@load ./weird

# The actions cost nothing until a notice asks for them, so all are
# loaded.
@load ./actions/email_admin
@load ./actions/page
@load ./actions/add-geodata
@load ./actions/pp-alarms
