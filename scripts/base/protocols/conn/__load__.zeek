##! The connection scripts: removal hooks and conn.log.

@load ./removal-hooks
@load ./main
@load ./set-conn
@load ./polling
