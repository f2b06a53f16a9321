// glibc declares the affinity calls only under _GNU_SOURCE, which Swift's Glibc module does not set.
#define _GNU_SOURCE
#include <sched.h>
#include "process_affinity.h"

int vanban_pin_to_first_cpu(void) {
#ifdef __linux__
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) return -1;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (CPU_ISSET(cpu, &allowed)) {
            cpu_set_t only;
            CPU_ZERO(&only);
            CPU_SET(cpu, &only);
            return sched_setaffinity(0, sizeof(only), &only) == 0 ? cpu : -1;
        }
    }
#endif
    return -1;
}
