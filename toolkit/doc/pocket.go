package doc

// Pocket is a pocket card's conversation guide (the health audience's
// clinician card): titled sections, each a short list, in the order of a
// visit. A format that prints it has the document's hotline and
// emergency line beside it.
type Pocket struct {
	Title    string
	Sections []PocketSection
}

// PocketSection is one step of the guide: its title, an optional line
// before its items, and the items.
type PocketSection struct {
	Title string
	Lead  string
	Items []string
}
