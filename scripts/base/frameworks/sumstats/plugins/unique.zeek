##! UNIQUE: the number of distinct observations. The built-in calculations are defined together, in
##! ``./calculations``; loading this script loads them all.

@load ./calculations
