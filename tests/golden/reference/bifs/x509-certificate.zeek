# An X.509 certificate read from DER: a self-signed ECDSA P-256
# certificate with subjectAltName entries, made once with
#   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
#     -subj "/C=DE/O=Example, Inc./CN=www.example.org" -set_serial 0x1F2E3D \
#     -addext "subjectAltName=DNS:www.example.org,DNS:*.mail.example.org"
# The expected values were checked against `openssl x509 -noout -subject
# -serial -dates -nameopt RFC2253 -fingerprint -sha1` on the same bytes.

global der = hexstr_to_bytestring("308201f53082019aa00302010202031f2e3d300a06082a8648ce3d040302303f310b300906035504061302444531163014060355040a0c0d4578616d706c652c20496e632e3118301606035504030c0f7777772e6578616d706c652e6f7267301e170d3236313230383031353330355a170d3336313230353031353330355a303f310b300906035504061302444531163014060355040a0c0d4578616d706c652c20496e632e3118301606035504030c0f7777772e6578616d706c652e6f72673059301306072a8648ce3d020106082a8648ce3d030107034200044d2e106801267ce7ce7a19526ad06398bf256d91ca1cda62be9b486897e84d67d62a6bf1a29c86cc8776312aa61f8e40c6b9d0bb1af038ac3d0a9f79c83eef52a38184308181301d0603551d0e0416041482f4a2e37af9aba65d09b9729a10cd2bff5af01e301f0603551d2304183016801482f4a2e37af9aba65d09b9729a10cd2bff5af01e300f0603551d130101ff040530030101ff302e0603551d1104273025820f7777772e6578616d706c652e6f726782122a2e6d61696c2e6578616d706c652e6f7267300a06082a8648ce3d04030203490030460221009fd263cd8bb348a2c0dc4568aa970c0a6a96120cdbc07657de25d7bccdb7ad3b022100cd09c4318c928f1807c790e600743eb6b50c10062993a2f16ac6f821affce6a2");

event zeek_init()
	{
	local cert = x509_from_der(der);
	local c = x509_parse(cert);
	print c$version, c$serial;
	print c$subject;
	print c$issuer;
	print c$not_valid_before, c$not_valid_after;
	print c$key_alg, c$sig_alg, c$key_type, c$key_length, c$curve;
	print c$cn;

	# The SHA-1 of the whole DER is the certificate's fingerprint.
	print sha1_hash(der);

	# PEM is the DER in base64 between the usual lines.
	local pem = x509_get_certificate_string(cert, T);
	print starts_with(pem, "-----BEGIN CERTIFICATE-----");
	print decode_base64(gsub(gsub(gsub(pem, /-----[A-Z ]+-----/, ""), /\n/, ""), /\r/, "")) == der;
	print x509_get_certificate_string(cert) == der;

	# Host names: the SAN entries decide, wildcards only as the whole
	# left-most label.
	print x509_check_cert_hostname(cert, "www.example.org");
	print x509_check_cert_hostname(cert, "smtp.mail.example.org");
	print x509_check_cert_hostname(cert, "a.b.mail.example.org");
	print x509_check_cert_hostname(cert, "example.org");

	# Zeek compares host names byte for byte.
	print x509_check_hostname("WWW.example.org", "www.example.org");
	print x509_check_hostname("abcx.example.org", "abc*.example.org");
	print x509_check_hostname("x.example.org", "x*y.example.org");

	# Bytes that are no certificate still give an opaque (as Zeek's
	# does); its string form is empty.
	local bad = x509_from_der("not a certificate");
	print x509_get_certificate_string(bad);
	}
