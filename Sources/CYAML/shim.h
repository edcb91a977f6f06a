// libyaml, imported whole.
#include <yaml.h>
