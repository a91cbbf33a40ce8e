// libxml2 for Swift. Debian builds libxml2 with ICU, and its encoding.h then includes the
// system's ICU headers, which clash with Foundation's own ICU module in the same Swift
// module. samkalk never touches the ICU members of libxml2's encoding handler (only
// pointers to it), so the ICU part of the headers is switched off here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>
#include <libxml/HTMLparser.h>
