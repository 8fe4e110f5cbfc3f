##! The event of the entropy file analyzer (Files::ANALYZER_ENTROPY).

## The entropy test's results over a whole file, raised as it ends.
global file_entropy: event(f: fa_file, ent: entropy_test_result);
