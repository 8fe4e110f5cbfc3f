##! Options of the binary reader, which reads a file in chunks of bytes.

module InputBinary;

export {
	## The most bytes delivered at once.
	const chunk_size = 1024 &redef;

	## Directory that relative source names are taken from; empty for
	## the working directory.
	const path_prefix = "" &redef;
}
