##! Paths in text, and joining folders and file names.

## What an absolute path starts with: a slash, or a drive letter and a
## slash or backslash.
const absolute_path_pat = /(\/|[a-zA-Z]:[\\\/]).*/;

## The first absolute path in a text: from its leading slash (or drive)
## up to a quote or an unescaped space.
##
## input: the text.
##
## Returns: the path, or "" if there is none.
function extract_path(input: string): string
	{
	local found = find_first(input, /(\/|[a-zA-Z]:[\\\/])([^\"\ ]|(\\\ ))*/);
	return found;
	}

## A file's path from its folder and name.
##
## dir: the folder.
##
## file_name: the file's name.
##
## Returns: the name alone when it is absolute or *dir* is empty, else
##          the two joined by one slash.
function build_path(dir: string, file_name: string): string
	{
	if ( dir == "" || absolute_path_pat == file_name )
		return file_name;
	if ( ends_with(dir, "/") )
		return dir + file_name;
	return cat(dir, "/", file_name);
	}

## :zeek:see:`build_path`, then :zeek:see:`compress_path`.
function build_path_compressed(dir: string, file_name: string): string
	{
	local joined = build_path(dir, file_name);
	return compress_path(joined);
	}
