# Sets compare by inclusion; a union may be written inside size bars.
local a = set(1, 2, 3);
local b = set(2, 3);
print b < a, a < b, b <= a, a <= a, a < a;
print a > b, a >= a, b > a, b >= a;
print |a | b|, |b | set(9)|, |a | b | set(7, 8)|;
print |a & b|, |a - b|, a == (b | set(1)), a != b;
