# x509.log from the file analyzer's events, raised by hand for a
# self-signed certificate (the one of reference/bifs/x509-certificate):
# the fingerprint is the SHA-256 of the DER bytes, the subject
# alternative names come from their extension event, and the same
# certificate in the same role seen again within a day is not logged
# again, while in another role (from the client) it is.
@load base/files/x509
@load ../_lib/conn

global der = hexstr_to_bytestring("308201f53082019aa00302010202031f2e3d300a06082a8648ce3d040302303f310b300906035504061302444531163014060355040a0c0d4578616d706c652c20496e632e3118301606035504030c0f7777772e6578616d706c652e6f7267301e170d3236313230383031353330355a170d3336313230353031353330355a303f310b300906035504061302444531163014060355040a0c0d4578616d706c652c20496e632e3118301606035504030c0f7777772e6578616d706c652e6f72673059301306072a8648ce3d020106082a8648ce3d030107034200044d2e106801267ce7ce7a19526ad06398bf256d91ca1cda62be9b486897e84d67d62a6bf1a29c86cc8776312aa61f8e40c6b9d0bb1af038ac3d0a9f79c83eef52a38184308181301d0603551d0e0416041482f4a2e37af9aba65d09b9729a10cd2bff5af01e301f0603551d2304183016801482f4a2e37af9aba65d09b9729a10cd2bff5af01e300f0603551d130101ff040530030101ff302e0603551d1104273025820f7777772e6578616d706c652e6f726782122a2e6d61696c2e6578616d706c652e6f7267300a06082a8648ce3d04030203490030460221009fd263cd8bb348a2c0dc4568aa970c0a6a96120cdbc07657de25d7bccdb7ad3b022100cd09c4318c928f1807c790e600743eb6b50c10062993a2f16ac6f821affce6a2");

function cert_file(id: string, from_client: bool): fa_file
	{
	local info = Files::Info($ts=network_time(), $fuid=id, $source="SSL",
	                         $mime_type="application/x-x509-user-cert");
	return fa_file($id=id, $source="SSL", $is_orig=from_client,
	               $last_active=network_time(), $info=info);
	}

function sighting(id: string, from_client: bool)
	{
	local f = cert_file(id, from_client);
	local handle = x509_from_der(der);
	event x509_certificate(f, handle, x509_parse(handle));
	event x509_ext_subject_alternative_name(f, X509::SubjectAlternativeName(
		$dns=vector("www.example.org", "*.mail.example.org"), $other_fields=F));
	event file_state_remove(f);
	}

event zeek_init() &priority=-10
	{
	Test::to_stdout(X509::LOG);
	Test::at(1700000000.0);
	sighting("FsrvCert1", F);
	sighting("FsrvCert2", F);
	sighting("FcliCert3", T);
	}
