##! HTTP: http.log, one line per request/reply pair, with the files the
##! bodies carry.

@load ./main
@load ./utils
@load ./files
