// libprotobuf-c (Debian: libprotobuf-c-dev). The runtime that packs and unpacks the generated messages.
#ifndef BERTH_CPROTOBUFC_SHIM_H
#define BERTH_CPROTOBUFC_SHIM_H
#include <protobuf-c/protobuf-c.h>
#endif
