// The committed header must compile as C++ too (hosts are often C++): built with
// g++ -Wall -Wextra -Werror -pedantic and linked against the library.
#include "wijknet.h"

#include <cstdio>
#include <cstring>

int main() {
    wijknet_str name{nullptr, 0};
    wijknet_result rc = wijknet_code_name(WIJKNET_CODE_KIND_CARE_TYPE, WIJKNET_CARE_TYPE_NURSING, &name);
    bool ok = rc == WIJKNET_RESULT_OK && name.len == 7 && std::strncmp(name.ptr, "nursing", name.len) == 0 &&
              wijknet_abi_version() == WIJKNET_ABI_VERSION && std::strcmp(wijknet_version(), WIJKNET_VERSION) == 0;
    wijknet_registry *registry = nullptr;
    ok = ok && wijknet_registry_from_json("{", 1, &registry) == WIJKNET_RESULT_JSON && registry == nullptr;
    std::printf("C++ header check: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
