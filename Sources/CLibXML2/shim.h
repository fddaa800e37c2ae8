// libxml2 for Storyline. Debian's libxml2 is built with ICU, and its encoding.h then includes the
// system's <unicode/ucnv.h>, whose declarations clash with Foundation's bundled ICU in the same
// Swift module. Storyline never touches the ICU-dependent fields (xmlCharEncodingHandler's
// converters), so the ICU include is switched off here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
