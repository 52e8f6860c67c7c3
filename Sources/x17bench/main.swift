// Benchmarks land with the minimizer and profile issues.
print("x17bench: no benchmarks yet")
