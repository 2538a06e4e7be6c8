package cidfont

import (
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// appendNumFloat is appendNum as strconv writes it: the number rounded,
// formatted as a float, its trailing zeros cut.
func appendNumFloat(b []byte, v float64, decimals int) []byte {
	v = roundTo(v, decimals)
	if v == 0 {
		return append(b, '0')
	}
	b = strconv.AppendFloat(b, v, 'f', decimals, 64)
	if decimals > 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	return b
}

// TestAppendNum: the numbers of a content stream are written as
// strconv writes them, digit for digit, at every number of decimals the
// writer uses: the same drawing gives the same bytes.
func TestAppendNum(t *testing.T) {
	t.Parallel()
	values := []float64{0, math.Copysign(0, -1), 0.004, -0.004, 0.005, -0.005, 0.0049999, 0.015, 1.005, 2.675, 1e-9, -1e-9, 0.1, 0.2, 0.3,
		1, -1, 10, 100, 612, 792, 1000, 999.9995, -999.9995, 123456.789, -123456.789, 1e12, -1e12, 9.99e14, 1e15, 1e16, 1e300,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	// 80,000 random numbers; 800,000 with AWAREKIT_FULL=1 (a CPU-second
	// more here).
	rng := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if os.Getenv("AWAREKIT_FULL") == "1" {
		n = 200000
	}
	for range n {
		values = append(values, (rng.Float64()-0.5)*2000, (rng.Float64()-0.5)*2e6, float64(rng.IntN(200000)-100000)/1000, float64(rng.IntN(2000)-1000)/100+0.005)
	}
	for _, v := range values {
		for _, d := range []int{0, 1, 2, 3, 4} {
			got, want := string(appendNum(nil, v, d)), string(appendNumFloat(nil, v, d))
			if got != want {
				t.Fatalf("appendNum(%v, %d) = %q, strconv writes %q", v, d, got, want)
			}
		}
	}
}
