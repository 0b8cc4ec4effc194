// Debian's libstb-dev compiles these headers into libstb.so, so only the declarations are
// included here and STB_IMAGE_IMPLEMENTATION must not be defined.
#include <stb_image.h>
#include <stb_image_resize.h>
