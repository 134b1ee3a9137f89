//go:build race

package cli

// raceDetector is whether the tests run with the race detector, whose
// shadow memory changes what some of them measure.
const raceDetector = true
