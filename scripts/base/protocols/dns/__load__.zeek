##! DNS (and NetBIOS name service, mDNS, LLMNR): dns.log.

@load ./consts
@load ./main
