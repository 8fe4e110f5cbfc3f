##! The MIME parts of a mail: the current part's file name, from its
##! Content-Disposition or Content-Type header, and how deep in the
##! message it is, both passed on to the part's file.

@load ./main
@load base/utils/files
@load base/frameworks/files
@load base/frameworks/notice/weird

module SMTP;

export {
	## The MIME part being read.
	type Entity: record {
		filename: string &optional;	##< The file name its headers give, if any.
	};

	redef record Info += {
		## The MIME part being read.
		entity: Entity &optional;
	};

	redef record State += {
		## MIME parts begun in the session so far.
		mime_depth: count &default=0;
	};
}

# Before main's handler counts the part.
event mime_begin_entity(c: connection) &priority=10
	{
	if ( c?$smtp_state )
		c$smtp_state$mime_depth += 1;
	if ( c?$smtp )
		c$smtp$entity = [];
	}

event mime_one_header(c: connection, h: mime_header_rec) &priority=5
	{
	if ( ! c?$smtp )
		return;
	local rec = c$smtp;
	if ( ! rec?$entity )
		{
		# A header outside any part: the MIME events are confused.
		Reporter::conn_weird("missing_SMTP_entity", c, "", "SMTP");
		return;
		}

	# A file name given as filename= (or filename*=) in the disposition,
	# or as name= in the content type.
	local named = F;
	if ( h$name == "CONTENT-DISPOSITION" )
		named = /[fF][iI][lL][eE][nN][aA][mM][eE][[:blank:]]*\*?=/ in h$value;
	else if ( h$name == "CONTENT-TYPE" )
		named = /[nN][aA][mM][eE][[:blank:]]*=/ in h$value;
	if ( named )
		rec$entity$filename = extract_filename_from_content_disposition(h$value);
	}

event file_over_new_connection(f: fa_file, c: connection, is_orig: bool) &priority=5
	{
	if ( f$source != "SMTP" || ! c?$smtp )
		return;
	local part = c$smtp?$entity ? c$smtp$entity : Entity();
	if ( part?$filename )
		f$info$filename = part$filename;
	f$info$depth = c$smtp_state$mime_depth;
	}

# The part is over; headers that follow belong to no part.
event mime_end_entity(c: connection) &priority=5
	{
	if ( ! c?$smtp )
		return;
	local rec = c$smtp;
	if ( rec?$entity )
		delete rec$entity;
	}
