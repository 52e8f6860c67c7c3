#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func logValue(_ x: Double) -> Double { log(x) }
func expValue(_ x: Double) -> Double { exp(x) }
func sinValue(_ x: Double) -> Double { sin(x) }
func cosValue(_ x: Double) -> Double { cos(x) }
