# args: -r ../traces/icmp6-mld.pcap
# MLD: version 1 report and done, version 2 reports (records with and
# without sources and auxiliary data, a group type the enum lacks), and
# truncated ones with their weirds.

@load ./_lib/show
