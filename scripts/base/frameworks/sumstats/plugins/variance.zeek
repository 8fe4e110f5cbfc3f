##! VARIANCE: the sample variance of the values. The built-in calculations are defined together, in
##! ``./calculations``; loading this script loads them all.

@load ./calculations
