/// The x17fit version recorded in every result's provenance and output manifest.
public let x17fitVersion = "0.1.0"
