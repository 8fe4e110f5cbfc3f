##! SMTP: smtp.log, one line per mail handed over, with the headers of
##! the message and the files it carries.

@load ./main
@load ./entities
@load ./files
