package locale

import (
	"bytes"
	"crypto/sha256"
	"sync/atomic"

	toml "github.com/pelletier/go-toml/v2"
)

// English, which every command that prints content reads, is decoded
// from TOML ahead of time (decoded_gen.go): go-toml took some 7 million
// instructions over en.toml, a fifth of opening the content once its
// YAML was decoded ahead too (toolkit/content/decoded.go). The table is
// found by the SHA-256 of the file's exact bytes: any other file, a
// user's own or a built-in one changed since, is decoded from its TOML,
// and what parse does with the table (the _meta, the hashes, the
// messages and their checks) runs as before. The key does not hold
// go-toml's version: TestDecodedCurrent, which holds decoded_gen.go to
// what en.toml decodes to today (and so catches an upgrade that reads it
// differently), must pass; rewrite it after changing en.toml:
//
//	go test ./toolkit/locale -run TestDecodedCurrent -update

// tomlDecoded counts the files decodeTOML decoded from their TOML, for
// TestEnglishDecodesNoTOML.
var tomlDecoded atomic.Int64

// decodeTOML decodes a message file into its table of tables.
func decodeTOML(data []byte) (map[string]any, error) {
	if table, ok := decodedTables[tableKey(data)]; ok {
		return table(), nil
	}
	tomlDecoded.Add(1)
	var raw map[string]any
	err := toml.NewDecoder(bytes.NewReader(data)).Decode(&raw)
	return raw, err
}

// tableKey is what a decoded file is found by: the SHA-256 of what it is
// decoded into, by what, and of its bytes.
func tableKey(data []byte) [32]byte {
	h := sha256.New()
	h.Write([]byte("go-toml/v2 Decoder.Decode into map[string]any\x00"))
	h.Write(data)
	var key [32]byte
	h.Sum(key[:0])
	return key
}
