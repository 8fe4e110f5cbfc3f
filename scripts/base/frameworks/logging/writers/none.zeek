##! The None writer takes rows and writes them nowhere; filters that
##! use it (``$writer=Log::WRITER_NONE``) only run their policy hooks.

module LogNone;

export {
	## Whether the writer prints what it is given, for debugging (rzeek's
	## None writer prints nothing).
	const debug = F &redef;
}

# Nothing is rotated, so there is nothing to postprocess.
function none_rotation_postprocessor(info: Log::RotationInfo): bool
	{
	return T;
	}

redef Log::default_rotation_postprocessors += {
	[Log::WRITER_NONE] = none_rotation_postprocessor,
};
