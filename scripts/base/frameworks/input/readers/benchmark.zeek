##! Options of the benchmark reader, which makes up lines of test data.

module InputBenchmark;

export {
	## Factor by which the number of lines grows with each heartbeat.
	const factor = 1.0 &redef;

	## Lines spread over each heartbeat interval.
	const spread = 0 &redef;

	## Spread lines automatically over this fraction of an interval.
	const autospread = 0.0 &redef;

	## Lines added on each heartbeat.
	const addfactor = 0 &redef;

	## Stop spreading once this many lines are produced per interval.
	const stopspreadat = 0 &redef;

	## Seconds over which the lines of an interval are spread.
	const timedspread = 0.0 &redef;
}
