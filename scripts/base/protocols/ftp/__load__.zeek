##! FTP: ftp.log, one line per file-related command of a control
##! session, with the reply and the data channel it announced.

@load ./utils-commands
@load ./info
@load ./main
@load ./utils
@load ./files
