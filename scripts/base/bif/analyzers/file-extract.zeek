##! The event of the file extraction analyzer (Files::ANALYZER_EXTRACT).

## A file being extracted went past the limit its extraction was given:
## `limit` bytes were to be written and the next `len` bytes would go
## beyond. A handler may raise the limit with FileExtract::__set_limit.
global file_extraction_limit: event(f: fa_file, args: Files::AnalyzerArgs, limit: count, len: count);
