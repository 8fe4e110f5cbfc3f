##! The events of Zeek's X.509 and OCSP file analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global x509_certificate: event(f: fa_file, cert_ref: opaque of x509, cert: X509::Certificate);
global x509_extension: event(f: fa_file, ext: X509::Extension);
global x509_ext_basic_constraints: event(f: fa_file, ext: X509::BasicConstraints);
global x509_ext_subject_alternative_name: event(f: fa_file, ext: X509::SubjectAlternativeName);
global x509_ocsp_ext_signed_certificate_timestamp: event(f: fa_file, version: count, logid: string, timestamp: count, hash_algorithm: count, signature_algorithm: count, signature: string);
global ocsp_request: event(f: fa_file, version: count);
global ocsp_request_certificate: event(f: fa_file, hashAlgorithm: string, issuerNameHash: string, issuerKeyHash: string, serialNumber: string);
global ocsp_response_status: event(f: fa_file, status: string);
global ocsp_response_bytes: event(f: fa_file, status: string, version: count, responderId: string, producedAt: time, signatureAlgorithm: string, certs: x509_opaque_vector);
global ocsp_response_certificate: event(f: fa_file, hashAlgorithm: string, issuerNameHash: string, issuerKeyHash: string, serialNumber: string, certStatus: string, revokeTime: time, revokeReason: string, thisUpdate: time, nextUpdate: time);
global ocsp_extension: event(f: fa_file, ext: X509::Extension, global_resp: bool);
