##! The events of Zeek's entropy file analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global file_entropy: event(f: fa_file, ent: entropy_test_result);
