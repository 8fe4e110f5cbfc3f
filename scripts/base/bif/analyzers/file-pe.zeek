##! The events of Zeek's PE file analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global pe_dos_header: event(f: fa_file, h: PE::DOSHeader);
global pe_dos_code: event(f: fa_file, code: string);
global pe_file_header: event(f: fa_file, h: PE::FileHeader);
global pe_optional_header: event(f: fa_file, h: PE::OptionalHeader);
global pe_section_header: event(f: fa_file, h: PE::SectionHeader);
