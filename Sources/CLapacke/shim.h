#pragma once
#include <lapacke.h>
/* OpenBLAS thread control, resolved at link time through liblapacke's libopenblas. */
void openblas_set_num_threads(int num_threads);
