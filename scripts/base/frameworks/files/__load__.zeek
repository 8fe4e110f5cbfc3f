##! The files framework (the part protocol scripts need).

@load ./main
