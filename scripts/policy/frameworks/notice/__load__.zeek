# Loading these costs nothing until a notice is mailed.
@load ./extend-email/hostnames
