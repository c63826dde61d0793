#ifndef CLAUSELINT_CLIBXML2_SHIM_H
#define CLAUSELINT_CLIBXML2_SHIM_H
// Debian's libxml2 headers include the system ICU headers, which clash with the ICU that
// Foundation ships (_FoundationICU). We never use libxml2's ICU-backed encoding handlers,
// so hide them: xmlversion.h first, then switch the ICU feature off for the other headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlreader.h>
#endif
