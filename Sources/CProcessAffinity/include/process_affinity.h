#ifndef VANBAN_PROCESS_AFFINITY_H
#define VANBAN_PROCESS_AFFINITY_H

/// Pins the calling process to the first CPU it is allowed to run on; returns that CPU, or -1 when refused.
int vanban_pin_to_first_cpu(void);

#endif
