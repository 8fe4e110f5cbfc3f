##! The configuration framework: options changed at run time, from
##! scripts (Config::set_value) or from files (Config::config_files), with
##! every change logged to config.log.

@load ./main
@load ./input
