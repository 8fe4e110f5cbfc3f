@load ./types
@load ./main
@load ./plugins
@load ./drop
@load ./shunt
