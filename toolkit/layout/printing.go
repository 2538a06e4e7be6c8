package layout

// WalletCardsPerSheet is how many wallet cards the cards format puts on
// one sheet of paper (10 on Letter, 8 on A4); 0 for a paper it has no
// sheet for.
func WalletCardsPerSheet(p Paper) int {
	s := walletCards[p.Name]
	return s.cols * s.rows
}

// SafetyCardsPerSheet is how many safety cards one sheet of paper holds.
func SafetyCardsPerSheet(p Paper) int {
	s := safetyCards[p.Name]
	return s.cols * s.rows
}

// ScenarioCardsPerSheet is how many scenario cards one sheet holds.
func ScenarioCardsPerSheet(p Paper) int {
	s := scenarioCards[p.Name]
	return s.cols * s.rows
}

// PosterSheet is the sheet a poster is printed on for paper: Tabloid for
// Letter, A3 for A4.
func PosterSheet(p Paper) Paper {
	if s, ok := posterPapers[p.Name]; ok {
		return s
	}
	return p
}
