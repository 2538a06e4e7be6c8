package plan

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestItemOrganisation: an item's own organisation replaces the plan's
// for its outputs, whole (nothing of the plan's leaks onto a partner's
// flyer); items that name the same organisation share it.
func TestItemOrganisation(t *testing.T) {
	p, err := parse(t, `organisation: {name: Lead Agency, phone: 604-555-0134, color: "#7a1f5c"}
outputs:
  - {audience: youth, language: en, format: flyer}
  - {audience: health, language: en, format: flyer, organisation: {name: Partner One, website: partner.example.org}}
  - {audience: business, language: en, format: flyer, organisation: {name: Partner One, website: partner.example.org}}
`)
	if err != nil {
		t.Fatal(err)
	}
	if p.Orgs.Len() != 2 || len(p.Outputs) != 3 {
		t.Fatalf("%d organisations, %d outputs", p.Orgs.Len(), len(p.Outputs))
	}
	want := profile.Organisation{Name: "Partner One", Website: "partner.example.org"}
	for i, o := range p.Outputs {
		org := p.Orgs.At(o.Org)
		switch {
		case i == 0 && !reflect.DeepEqual(org, p.Org):
			t.Errorf("output 0 is made for %+v, want the plan's", org)
		case i > 0 && !reflect.DeepEqual(org, want):
			t.Errorf("output %d is made for %+v, want %+v (nothing of the plan's)", i, org, want)
		}
	}
	if len(p.Sets) != 1 || p.Sets[0].Folder != "" {
		t.Errorf("sets %+v, want the output folder alone", p.Sets)
	}

	_, err = parse(t, "outputs:\n  - audience: youth\n    language: en\n    format: flyer\n    organisation:\n      name: X\n      phone: HELP\n")
	got := problems(t, err)
	if len(got) != 1 || got[0].Line != 7 || got[0].Field != "outputs[0].organisation.phone" || !strings.Contains(got[0].Message, "has no digits") {
		t.Errorf("problems %v", got)
	}
}

// writePartners writes a partners file beside a plan that names it, and
// parses the plan.
func writePartners(t *testing.T, csv, outputs string) (*Plan, string, error) {
	t.Helper()
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "partners.csv")
	if err := os.WriteFile(csvPath, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "organisations: partners.csv\noutputs:\n" + outputs
	path := filepath.Join(dir, "plan.yaml")
	p, err := Parse(testEngine(t), path, []byte(src), Project{})
	return p, csvPath, err
}

// TestPartnerOfficesInFolders: one partner named on two rows with other
// details (two offices) makes two sets when each row names its folder.
func TestPartnerOfficesInFolders(t *testing.T) {
	p, _, err := writePartners(t, "name,phone,folder\nClub A,604-555-0134,club-a-east\nClub A,604-555-0199,club-a-west\n", "  - {audience: youth, language: en, format: flyer}\n")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range p.Sets {
		got = append(got, s.Folder+" "+p.Orgs.At(s.Org).Phone)
	}
	if want := []string{"club-a-east 604-555-0134", "club-a-west 604-555-0199"}; !slices.Equal(got, want) {
		t.Errorf("sets %q, want %q", got, want)
	}
}

// TestPartners: a partners file makes the plan's outputs once per
// partner, in plan order partner after partner, each in a folder named
// after the partner (or its folder column), with the organisation of its
// row, checked and printed as typed.
func TestPartners(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "logos", "a.png"))
	csv := "\ufeffName, Phone ,Colour,logo,website\n" +
		"Riverside Settlement Services,604-555-0134,#7a1f5c,logos/a.png,riverside.example.org\n" +
		"\"Hope Centre, East\",  416-555-0199,,,\n" +
		"riverside settlement services!,,,,\n" +
		"ਪੰਜਾਬੀ ਸਭਾ,,,,\n" +
		"Aux,,,,\n"
	if err := os.WriteFile(filepath.Join(dir, "partners.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "organisation: {name: Lead}\norganisations: partners.csv\noutputs:\n  - {audiences: [youth, health], language: en, format: flyer}\n"
	p, err := Parse(testEngine(t), filepath.Join(dir, "plan.yaml"), []byte(src), Project{})
	if err != nil {
		t.Fatal(err)
	}
	var folders []string
	for _, s := range p.Sets {
		folders = append(folders, s.Folder)
	}
	wantFolders := []string{"riverside-settlement-services", "hope-centre-east", "riverside-settlement-services-2", "partner-4", "aux-partner"}
	if !slices.Equal(folders, wantFolders) {
		t.Errorf("folders %q, want %q", folders, wantFolders)
	}
	if len(p.Outputs) != 10 {
		t.Fatalf("%d outputs, want 2 for each of 5 partners", len(p.Outputs))
	}
	for i, o := range p.Outputs {
		s := p.Sets[o.Set]
		if o.Set != i/2 || !strings.HasPrefix(o.Name, s.Folder+"/") || o.Org != s.Org {
			t.Errorf("output %d: %s in set %d, organisation %d; set %+v", i, o.Name, o.Set, o.Org, s)
		}
	}
	if o := p.Outputs[1]; o.Name != "riverside-settlement-services/health-flyer-en.pdf" {
		t.Errorf("output 1 is %s", o.Name)
	}
	first := p.Orgs.At(p.Sets[0].Org)
	if first.Name != "Riverside Settlement Services" || first.Phone != "604-555-0134" || first.Color != "#7a1f5c" ||
		first.Logo != filepath.Join(dir, "logos", "a.png") || first.Website != "riverside.example.org" {
		t.Errorf("first partner %+v", first)
	}
	if second := p.Orgs.At(p.Sets[1].Org); second.Name != "Hope Centre, East" || second.Phone != "416-555-0199" || second.Logo != "" {
		t.Errorf("second partner %+v: want its own values only, nothing of the plan's", second)
	}
	if p.Org.Name != "Lead" {
		t.Errorf("the plan's organisation is %+v", p.Org)
	}
}

// TestPartnersSeparators: a partners file saved by Excel where the
// decimal mark is a comma (French Canada) has semicolons between its
// columns, and one saved as text has tabs; both are read as their header
// row shows, a comma inside a value kept.
func TestPartnersSeparators(t *testing.T) {
	for name, csv := range map[string]string{
		"semicolons": "\ufeffname;phone;colour\r\nHope Centre, East;416-555-0199;#7a1f5c\r\nMaison Bleue;514-555-0100 poste 22;\r\n",
		"tabs":       "name\tphone\tcolour\nHope Centre, East\t416-555-0199\t#7a1f5c\nMaison Bleue\t514-555-0100 poste 22\t\n",
		// Excel saves rows whose cells were cleared, or only formatted,
		// as separators alone: they hold no partner and are passed over.
		// Excel for Mac's "CSV (Macintosh)" ends its lines with a
		// carriage return alone: read as one row of a dozen columns, it
		// was refused as "unknown column (12 characters, not a column name)".
		"carriage returns alone": "name,phone,colour\r\"Hope Centre, East\",416-555-0199,#7a1f5c\rMaison Bleue,514-555-0100 poste 22,\r",
		"rows Excel left empty":  "\ufeffname;phone;colour\r\n;;\r\nHope Centre, East;416-555-0199;#7a1f5c\r\n ; ;\r\nMaison Bleue;514-555-0100 poste 22;\r\n;;\r\n;;\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			p, _, err := writePartners(t, csv, "  - {audience: youth, language: en, format: flyer}\n")
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Sets) != 2 {
				t.Fatalf("%d partners, want 2", len(p.Sets))
			}
			first, second := p.Orgs.At(p.Sets[0].Org), p.Orgs.At(p.Sets[1].Org)
			if first.Name != "Hope Centre, East" || first.Phone != "416-555-0199" || first.Color != "#7a1f5c" {
				t.Errorf("first partner %+v", first)
			}
			if second.Name != "Maison Bleue" || second.Phone != "514-555-0100 poste 22" {
				t.Errorf("second partner %+v", second)
			}
		})
	}
}

// TestPartnerFolders: a partner's folder is its name in lower-case ASCII,
// accents left off rather than the letter ("Maison Santé Est" made
// maison-sant-est).
func TestPartnerFolders(t *testing.T) {
	for name, want := range map[string]string{
		"Maison Santé Est":               "maison-sante-est",
		"Centre d'aide Côte-des-Neiges":  "centre-d-aide-cote-des-neiges",
		"Riverside Settlement Services!": "riverside-settlement-services",
		"ਪੰਜਾਬੀ ਸਭਾ":                     "partner-4",
		"Cafe\u0301 Jeunesse (Montréal)": "cafe-jeunesse-montreal",
	} {
		if got := folderOf(name, 4); got != want {
			t.Errorf("folderOf(%q) = %s, want %s", name, got, want)
		}
	}
}

// TestPartnersProblems: every problem in a partners file is reported at
// its file:line and column, with what to do.
func TestPartnersProblems(t *testing.T) {
	one := "  - {audience: youth, language: en, format: flyer}\n"
	tests := []struct {
		name, csv, outputs string
		want               []string // file:line[:col]: field: message, after the folder
	}{
		{"empty", "", one, []string{"partners.csv:1: is empty; its first row names the columns"}},
		{"header only", "name,phone\n", one, []string{"partners.csv:2: has no partners"}},
		{"empty rows only", "name;phone\r\n;\r\n;\r\n", one, []string{"partners.csv:2: has no partners"}},
		{"unknown column", "name,fax\nA,1\n", one, []string{`partners.csv:1:6: unknown column "fax"; the first row names the columns: name,phone,email,website,logo,colour`}},
		{"another file", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1\n", one, []string{"partners.csv:1:1: unknown column (31 characters, not a column name); the first row names the columns", "partners.csv:1:1: has no name column"}},
		{"no name column", "phone\n604-555-0134\n", one, []string{"partners.csv:1:1: has no name column"}},
		{"column twice", "name,colour,color\nA,,\n", one, []string{`partners.csv:1:13: column "color" is given twice`}},
		{"bad values", "name,phone,email,colour\nA,HELP,a@b.c?cc=d,teal\n,604-555-0134,,\n", one, []string{
			"partners.csv:2:3: phone: has no digits",
			"partners.csv:2:8: email: holds ? & or =",
			"partners.csv:2:19: colour: is not a hex colour; write it like \"#0b5c6b\"",
			"partners.csv:3:1: name: is empty; every partner needs its name",
		}},
		{"bidi name", "name\n\"A\u202eB\"\n", one, []string{"partners.csv:2:1: name: holds U+202E at character 2: RIGHT-TO-LEFT OVERRIDE"}},
		// "CSV (Macintosh)" with a line break typed in a cell (a \n in
		// quotes) was not read row by row, and refused at a quote:
		// `partners.csv:1:19: bare " in non-quoted-field` (review17 L4).
		{"carriage returns alone and a line break in a cell", "name,phone,colour\r\"Hope Centre\nEast\",416-555-0199,#7a1f5c\rMaison Bleue,514-555-0100,\r", one, []string{"partners.csv:2:1: name: holds U+000A at character 12: a line break"}},
		{"missing logo", "name,logo\nA,nowhere.png\n", one, []string{"partners.csv:2:3: logo: ", "nowhere.png does not exist"}},
		{"field count", "name,phone\nA,1,2\n", one, []string{"partners.csv:2:1: has a different number of fields than the header row; put a value in quotes when it holds a comma"}},
		{"bare quote", "name\nThe \"Hope\" Centre\n", one, []string{`partners.csv:2:5: bare " in non-quoted-field; a value with quotes inside is written in quotes with each quote doubled`}},
		{"not UTF-8", "name\nA\nB\xff\n", one, []string{`partners.csv:3: is not UTF-8 text; save it as "CSV UTF-8"`}},
		{"folder twice", "name,folder\nA,east\nB,East\n", one, []string{"partners.csv:3:3: folder: East is also the folder of the partner on line 2"}},
		{"row twice", "name,phone,website\nA,604-555-0134,a.org\nB,,\nA,604-555-0134,A.org\n", one, []string{"partners.csv:4:1: name: repeats the partner on line 2, every column the same; remove one of the two rows"}},
		// A row left beside its update would print the old number in
		// a folder named -2.
		{"name twice, another phone", "name,phone\nClub A,604-555-0134\nB,\nclub  a,604-555-0199\n", one, []string{`partners.csv:4:1: name: "club  a" is also the partner on line 2, with other details; if both rows are right (two offices, say), give each its own folder in a folder column`}},
		{"name twice, one folder", "name,phone,folder\nClub A,604-555-0134,east\nClub A,604-555-0199,\n", one, []string{"partners.csv:3:1: name: \"Club A\" is also the partner on line 2"}},
		{"folder path", "name,folder\nA,../up\n", one, []string{"partners.csv:2:3: folder: may not start with a dot"}},
		{"folder slash", "name,folder\nA,a/b\n", one, []string{"partners.csv:2:3: folder: may hold only letters a-z, digits and . - _"}},
		{"folder a Windows device", "name,folder\nA,con\nB,Com1\n", one, []string{"partners.csv:2:3: folder: is a name Windows keeps for a device", "partners.csv:3:3: folder: is a name Windows keeps for a device"}},
		{"folder ending with a dot", "name,folder\nA,east.\n", one, []string{"partners.csv:2:3: folder: may not end with a dot, which Windows drops"}},
		{"folder reserved", "name,folder\nA,pack.pdf\n", one, []string{"partners.csv:2:3: folder: pack.pdf is a name the build uses for its own files"}},
		// A folder named as a part's manifest was read as one by every
		// build, which then said it could not be read.
		{"folder named as a shard manifest", "name,folder\nA,Manifest.shard-1-of-2.json\n", one, []string{"partners.csv:2:3: folder: Manifest.shard-1-of-2.json is a name the build uses for its own files"}},
		{"item organisation too", "name\nA\n", "  - {audience: youth, language: en, format: flyer, organisation: {name: B}}\n",
			[]string{"plan.yaml:3:66: outputs[0].organisation: an item cannot name its own organisation when organisations: makes every output once per partner"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := writePartners(t, tt.csv, tt.outputs)
			got := problems(t, err)
			if len(got) != len(tt.want) && !(tt.name == "missing logo" && len(got) == 1) {
				t.Fatalf("got %d problems, want %d:\n%v", len(got), len(tt.want), err)
			}
			for i, p := range got {
				s := p.String()
				if tt.name == "missing logo" {
					for _, w := range tt.want {
						if !strings.Contains(s, w) {
							t.Errorf("got %s\nwant it to hold %s", s, w)
						}
					}
					continue
				}
				if j := strings.Index(s, filepath.Base(strings.SplitN(tt.want[i], ":", 2)[0])); j < 0 || !strings.HasPrefix(s[j:], tt.want[i]) {
					t.Errorf("got  %s\nwant %s…", s, tt.want[i])
				}
			}
		})
	}
}

// TestPartnersTooMany: partners × outputs is held to the plan's limit.
// TestPartnerLogoProblemSaysLogoOnce: a partner's logo that cannot be
// used is reported after its column's name without saying "logo" again.
func TestPartnerLogoProblemSaysLogoOnce(t *testing.T) {
	_, csvPath, err := writePartners(t, "name,logo\nA,nowhere.png\n", "  - {audience: youth, language: en, format: flyer}\n")
	got := problems(t, err)
	want := ":2:3: logo: " + filepath.Join(filepath.Dir(csvPath), "nowhere.png") + " does not exist"
	if len(got) != 1 || !strings.Contains(got[0].String(), want) || strings.Contains(got[0].String(), "logo: logo") {
		t.Errorf("problems %v, want one saying %q", got, want)
	}
}

func TestPartnersTooMany(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("name\n")
	for i := range MaxOutputs/2 + 1 {
		csv.WriteString("Partner " + strconv.Itoa(i) + "\n")
	}
	_, _, err := writePartners(t, csv.String(), "  - {audiences: [youth, health], language: en, format: flyer}\n")
	got := problems(t, err)
	if len(got) != 1 || !strings.Contains(got[0].Message, "partners × 2 outputs is more than 10000 outputs") {
		t.Errorf("problems %v", got)
	}
}

// TestPartnersShareALargeLogo: a thousand partners naming one large logo
// are read with the logo decoded and scaled once, not once a row (a
// 10,000-row file did not finish in a minute, 200 rows took over five
// to build). It counts the bytes allocated, not the seconds taken, which
// a busy machine stretches: reading them allocated 111.6 MB in every
// run, of which 68 MB decode and scale the logo; a second decode made it
// 179.5 MB.
func TestPartnersShareALargeLogo(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes a 3000 × 3000 logo")
	}
	// A logo of its own in each run (-count), so that no run finds it
	// decoded already.
	sharedLogoRuns++
	img := image.NewGray(image.Rect(0, 0, 3000, 3000))
	img.Pix[0] = uint8(sharedLogoRuns)
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString("name,logo\n")
	for i := range 1000 {
		fmt.Fprintf(&csv, "Partner %d,logo.png\n", i)
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{"logo.png": logo.Bytes(), "partners.csv": []byte(csv.String())} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// What the engine reads when a plan first asks is not the partners'.
	eng := testEngine(t)
	if _, err := Parse(eng, filepath.Join(dir, "plan.yaml"), []byte("outputs: [{audience: youth, language: en, format: flyer}]\n"), Project{}); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p, err := Parse(eng, filepath.Join(dir, "plan.yaml"), []byte("organisations: partners.csv\noutputs: [{audience: youth, language: en, format: flyer}]\n"), Project{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("reading 1,000 partners with one 3000 × 3000 logo allocated %.1f MB", float64(allocated)/(1<<20))
	if allocated > 160<<20 {
		t.Errorf("reading 1,000 partners with one 3000 × 3000 logo allocated %d MB; want 112 with the logo decoded once (68 MB a decode), not once a row", allocated>>20)
	}
	if len(p.Outputs) != 1000 {
		t.Errorf("%d outputs, want 1000", len(p.Outputs))
	}
}

// sharedLogoRuns counts TestPartnersShareALargeLogo's runs.
var sharedLogoRuns int

// TestLocalContactProblemsAtTheirLines: a plan's local contact with a
// wrong value is reported at that value's line, under its own path
// (organisation.local[1].phone), not at the first contact's line as
// "organisation.local"; one with neither phone nor website at its own
// line; a phone given but wrong is not also "no phone and no website".
func TestLocalContactProblemsAtTheirLines(t *testing.T) {
	_, err := parse(t, `organisation:
  name: Riverside Settlement Services
  local:
    - label: Victim services
      phone: "call us"
    - label: ""
      website: "not a site"
    - {label: Shelter}
outputs:
  - {audience: youth, language: en, format: txt}
`)
	var got []string
	for _, p := range problems(t, err) {
		got = append(got, fmt.Sprintf("%d %s: %s", p.Line, p.Field, p.Message))
	}
	want := []string{
		"5 organisation.local[0].phone: has no digits",
		"6 organisation.local[1].label: is empty",
		"7 organisation.local[1].website: holds a space",
		"8 organisation.local[2]: has no phone and no website",
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d: %q, want it to start %q", i+1, got[i], want[i])
		}
	}
}

// TestPartnersFileIsAPlan: organisations: naming the plan itself (or
// another YAML file) was read as a CSV and refused as "unknown column
// (24 characters, not a column name)" (hostile17); it is said to be
// YAML, at the organisations: key, with what to name.
func TestPartnersFileIsAPlan(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.yaml")
	src := []byte("organisations: plan.yaml\noutputs:\n  - {audience: youth, language: en, format: flyer}\n")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Parse(testEngine(t), path, src, Project{})
	want := `plan.yaml:1:16: organisations: "plan.yaml" is a YAML file, like a plan, not a list of partners; name the CSV file of partners`
	if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "unknown column") {
		t.Errorf("error %v, want %q", err, want)
	}
}
