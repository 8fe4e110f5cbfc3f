##! The event of the file hash analyzers (MD5, SHA1, SHA256).

## The hash of a whole file, by the kind of hash ("md5", "sha1",
## "sha256"), in hex; raised as the file ends, if it had any bytes.
global file_hash: event(f: fa_file, kind: string, hash: string);
