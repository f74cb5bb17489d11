#include "onednn_gemm.h"

#if defined(__linux__)
#include <dlfcn.h>
#endif

namespace wb::engine::onednn {

SgemmFn sgemm()
{
    static const SgemmFn fn = []() -> SgemmFn {
#if defined(__linux__)
        // RTLD_NOLOAD: only a library libtorch already brought in, never one we pull in ourselves.
        for (const char *name : {"libdnnl.so.2", "libdnnl.so.3", "libdnnl.so"}) {
            if (void *lib = dlopen(name, RTLD_LAZY | RTLD_NOLOAD))
                if (void *symbol = dlsym(lib, "dnnl_sgemm"))
                    return reinterpret_cast<SgemmFn>(symbol);
        }
#endif
        return nullptr;
    }();
    return fn;
}

} // namespace wb::engine::onednn
