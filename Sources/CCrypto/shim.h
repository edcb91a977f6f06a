// OpenSSL's libcrypto: digests and HMAC.
#include <openssl/evp.h>
#include <openssl/hmac.h>
