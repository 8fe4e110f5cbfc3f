# Literals Zeek's scanner reports and reads past; the script then fails.
global p1 = 70000/tcp;
global p2 = 256/icmp;
global a1 = 1.2.3.256;
global s1 = 1.2.3.0/33;
global s2 = [::1]/129;
global s3 = 10.0.0.0/300;
print p1, p2, a1, s1, s2, s3;
global h = www.zeek.org;
