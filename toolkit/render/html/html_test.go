package html

import (
	"bytes"
	"html/template"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content/contenttest"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// contenttestOrg is the name of the organisation the documents are made
// for, as the page prints it.
var contenttestOrg = template.HTMLEscapeString(contenttest.Org.Name)

func documents(t testing.TB) []*doc.Document {
	return contenttest.Documents(t)
}

// synthetic is a document in a right-to-left script with a logo and a
// light brand colour: what the real content does not have yet. Its text
// is a test fixture, not reviewed content.
func synthetic(t testing.TB) *doc.Document {
	t.Helper()
	return &doc.Document{
		Meta:     doc.Meta{Audience: "youth", Lang: "ar", RTL: true, Title: "اعرف العلامات. يمكنك الحصول على المساعدة.", Subject: "الشباب"},
		Brand:    doc.Brand{OrgName: "مجلس الشباب", Color: doc.RGB{R: 0xFF, G: 0xD7, B: 0x00}, Logo: testLogo(t)},
		Headline: "اعرف العلامات. يمكنك الحصول على المساعدة.",
		Intro:    "الاتجار بالبشر هو عندما يستخدم شخص الخوف أو السيطرة لإجبار شخص آخر على العمل. المساعدة مجانية.",
		Signs:    doc.List{Title: "علامات يجب الانتباه إليها", Items: []string{"لديه هاتف ثانٍ أو هاتف سري.", "دائمًا مع شخص يتكلم نيابة عنه."}, Caution: "علامة واحدة وحدها لا تثبت الاتجار."},
		Actions:  []doc.Actions{{Title: "ما يمكنك فعله", Do: []string{"تحدث مع شخص بالغ تثق به."}, Dont: []string{"لا تواجه الشخص المشتبه به."}}},
		Notes:    &doc.List{Title: "ملاحظات", Items: []string{"الخط الساخن ليس الشرطة."}},
		Fact:     &doc.Fact{Text: "تسع ضحايا من كل عشرة يعرفون المتهم.", Source: "المصدر: هيئة الإحصاء الكندية"},
		Help: doc.Help{
			Title:     "احصل على المساعدة",
			Lead:      "اتصل أو دردش في أي وقت:",
			Hotline:   doc.Contact{Name: "الخط الساخن الكندي لمكافحة الاتجار بالبشر", Phone: "1-833-900-1010", Website: "canadianhumantraffickinghotline.ca", Email: "hotline@ccteht.ca"},
			Emergency: "في حالة الخطر المباشر، اتصل بالرقم 911.",
			Others:    []doc.Contact{{Name: "Crime Stoppers", Phone: "1-800-222-TIPS (8477)"}, {Phone: "604-555-0134"}}, // an organisation that gave no name
		},
		Law: &doc.Law{Title: "اعرف القانون", Intro: "الاتجار بالبشر جريمة في كندا.", Note: "معلومات عامة، وليست استشارة قانونية.",
			Items: []doc.LawItem{{Text: "الاتجار بالبشر جريمة.", Citation: "Criminal Code, s. 279.01"}}},
		// No Labels.StorySection: each story is a section of its own.
		Stories: []doc.Story{{Title: "قصة توضيحية", Text: "نص القصة.", Label: "قصة توضيحية مركبة، وليست شخصًا حقيقيًا."}},
		QR:      doc.QR{URL: "https://riverside.example.org/ar", Text: "riverside.example.org/ar"},
		Footer:  doc.Footer{OrgName: "مجلس الشباب", Version: "إصدار المحتوى 2026.11.1", Draft: "ترجمة مسودة: لم يراجعها متحدث بطلاقة بعد."},
	}
}

func testLogo(t testing.TB) *doc.Image {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 60, 30))
	for x := range 60 {
		for y := range 30 {
			img.Set(x, y, color.NRGBA{R: uint8(4 * x), G: 0x40, B: 0x80, A: 0xFF})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return &doc.Image{Data: b.Bytes(), Type: "png", Width: 60, Height: 30}
}

func write(t testing.TB, d *doc.Document) string {
	t.Helper()
	var b strings.Builder
	if err := Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var (
	tagPattern = regexp.MustCompile(`<(/?)([^\s>/]*)`)
	allowed    = map[string]bool{
		"!DOCTYPE": true, "html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
		"header": true, "main": true, "section": true, "aside": true, "footer": true, "div": true,
		"h1": true, "h2": true, "h3": true, "p": true, "ul": true, "li": true, "a": true, "span": true, "img": true,
		"bdi": true,
	}
)

// checkMarkup fails on any tag the renderer does not write, which is how
// unescaped text would show, and on anything that would load from the
// network.
func checkMarkup(t *testing.T, out string) {
	t.Helper()
	for _, m := range tagPattern.FindAllStringSubmatch(out, -1) {
		if !allowed[m[2]] {
			t.Errorf("unexpected markup %q", m[0])
		}
	}
	for _, bad := range []string{"<script", "<link", "@import", "url(", `src="http`, "@font-face", `href="javascript`} {
		if strings.Contains(strings.ToLower(out), bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
}

func TestWriteEveryDocument(t *testing.T) {
	for _, d := range documents(t) {
		t.Run(d.Meta.Audience+"/"+d.Meta.Lang, func(t *testing.T) {
			out := write(t, d)
			checkMarkup(t, out)
			e := template.HTMLEscapeString
			dir := "ltr"
			if d.Meta.RTL {
				dir = "rtl"
			}
			for _, want := range []string{
				`<html lang="` + d.Meta.Lang + `" dir="` + dir + `">`,
				`<title>` + e(d.Meta.Title) + `</title>`,
				`<h1>` + e(d.Headline) + `</h1>`,
				`<a href="tel:&#43;18339001010"><span dir="ltr">` + d.Help.Hotline.Phone + `</span></a>`,
				`<a href="tel:&#43;16045550134"><span dir="ltr">604-555-0134</span></a>`,
				`<h2 id="help">` + e(d.Help.Title) + `</h2>`,
				`<p class="emergency">` + e(d.Help.Emergency) + `</p>`,
				`<li>` + e(d.Signs.Items[0]) + `</li>`,
				"@media print",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("the page lacks %s", want)
				}
			}
			if d.Law != nil && len(d.Law.Items) > 0 {
				for _, want := range []string{`<h2 id="law">` + e(d.Law.Title) + `</h2>`, `<li>` + e(d.Law.Items[0].Text) + `<span class="cite">` + e(d.Law.Items[0].Citation) + `</span></li>`} {
					if !strings.Contains(out, want) {
						t.Errorf("the page lacks %s", want)
					}
				}
			}
			for _, st := range d.Stories {
				for _, want := range []string{`<h3>` + e(st.Title) + `</h3>`, `<p class="story-label">` + e(st.Label) + `</p>`, `<p>` + e(st.Text) + `</p>`} {
					if st.Label == "" && strings.Contains(want, "story-label") {
						continue
					}
					if !strings.Contains(out, want) {
						t.Errorf("the page lacks %s", want)
					}
				}
			}
			draft := `<p class="draft">` + e(d.Footer.Draft) + `</p>`
			if got := strings.Contains(out, draft); got != (d.Footer.Draft != "") {
				t.Errorf("draft line shown %v, want %v", got, d.Footer.Draft != "")
			}
		})
	}
}

func TestWriteRTL(t *testing.T) {
	d := synthetic(t)
	out := write(t, d)
	checkMarkup(t, out)
	for _, want := range []string{
		`<html lang="ar" dir="rtl">`,
		`<a href="tel:&#43;18339001010"><span dir="ltr">1-833-900-1010</span></a>`,
		`<a href="tel:&#43;18002228477"><span dir="ltr">1-800-222-TIPS (8477)</span></a>`,
		`<img src="data:image/png;base64,iVBORw0KGgo`,
		`width="60" height="30"`,
		`<p class="draft">ترجمة مسودة`,
		`<a href="https://riverside.example.org/ar">riverside.example.org/ar</a>`, // the QR code's address, shown nowhere else
		`<a href="mailto:hotline@ccteht.ca">`,
		`padding-inline-start`,
		`<section class="story" aria-labelledby="story-0">`,
		`<h2 id="story-0">قصة توضيحية</h2>`,
		`<span class="cite">Criminal Code, s. 279.01</span>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(out, "<h3></h3>") {
		t.Error("a contact without a name has an empty heading")
	}
}

func TestWriteEscapes(t *testing.T) {
	d := synthetic(t)
	d.Headline = `<script>alert(1)</script>`
	d.Meta.Title = `</title><script>alert(2)</script>`
	d.Meta.Lang = `en" onload="alert(3)`
	d.Brand.OrgName = `</style><img src=x onerror=alert(4)>`
	d.Signs.Items = []string{`<b>bold</b> & "quoted"`}
	d.Help.Hotline.Website = `javascript:alert(5)//`
	d.Help.Hotline.Email = `"><img src=x>`
	d.QR = doc.QR{URL: "javascript:alert(6)", Text: "click"}
	out := write(t, d)
	checkMarkup(t, out)
	for _, want := range []string{`&lt;script&gt;alert(1)&lt;/script&gt;`, `&lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34;`, `lang="en&#34; onload=&#34;alert(3)"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(out, ">click<") {
		t.Error("a javascript: QR address became a link")
	}
}

func TestContrast(t *testing.T) {
	white, black := doc.White, doc.Black
	if c := Contrast(white, black); c != 21 {
		t.Errorf("white on black = %v, want 21", c)
	}
	if c := Contrast(doc.RGB{R: 0x76, G: 0x76, B: 0x76}, white); c < 4.5 || c > 4.6 {
		t.Errorf("#767676 on white = %v, want 4.54", c)
	}
	brands := []doc.RGB{
		profile.DefaultColor, white, black, {R: 0xFF, G: 0xD7}, {R: 0xFF}, {G: 0x80}, {R: 0x77, G: 0x77, B: 0x77},
		{R: 0x76, G: 0x76, B: 0x76}, {R: 0x7A, G: 0x1F, B: 0x5C}, {R: 0x00, G: 0x96, B: 0xD6}, {R: 0xE0, G: 0xF0, B: 0xFF},
	}
	for _, b := range brands {
		p := doc.NewPalette(b)
		pairs := []struct {
			name   string
			fg, bg doc.RGB
		}{
			{"header text", p.OnBand, p.Band},
			{"accent on white", p.Accent, white},
			{"accent on the panel", p.Accent, p.Panel},
			{"text on the panel", ink, p.Panel},
			{"muted text on the panel", muted, p.Panel},
			{"emergency line on the panel", danger, p.Panel},
		}
		for _, pr := range pairs {
			if c := Contrast(pr.fg, pr.bg); c < MinContrast {
				t.Errorf("brand %s: %s %s on %s has contrast %.2f", hex(b), pr.name, hex(pr.fg), hex(pr.bg), c)
			}
		}
		if Contrast(b, white) >= MinContrast && p.Accent != b {
			t.Errorf("brand %s reads on white but is not the accent", hex(b))
		}
	}
}

// TestStylesheetUsesThePalette: the page's header and accent colours are
// the brand palette's, the one the PDF, SVG and PNG layouts use.
func TestStylesheetUsesThePalette(t *testing.T) {
	orange := doc.RGB{R: 0xE6, G: 0x7E, B: 0x22}
	p := doc.NewPalette(orange)
	css := stylesheet(orange)
	for _, want := range []string{".masthead { background: " + hex(p.Band) + "; color: " + hex(p.OnBand) + ";", "h2 { color: " + hex(p.Accent) + ";"} {
		if !strings.Contains(css, want) {
			t.Errorf("stylesheet lacks %q", want)
		}
	}
}

// TestWriteIsolatesInsertedNames: the organisation's name inserted into a
// sentence of the other direction ("Local help listed by …" in Arabic,
// Persian and Urdu) is a <bdi>, so the browser sets it in its own order
// ("Riverside Youth Council" keeps its words in order, "St. Mary's Centre
// 2." its period at its end), and no isolate character is left in the
// page's text; in English, where the name reads in the page's direction,
// the title is as it was. The organisation's own labels and name are
// isolated in their own direction (<bdi>) on lines aligned as the page
// is (dir="auto" on the line set a Latin name flush left on an Arabic
// page, its number flush right), and addresses are isolated from
// each other, so that a website and an email read in the page's order.
func TestWriteIsolatesInsertedNames(t *testing.T) {
	rtl := 0
	for _, d := range documents(t) {
		if d.Help.Local == nil {
			t.Fatalf("%s (%s): no local list to test with", d.Meta.Audience, d.Meta.Lang)
		}
		out := write(t, d)
		checkMarkup(t, out)
		if strings.ContainsAny(out, "\u2066\u2067\u2068\u2069") {
			t.Errorf("%s (%s): an isolate character is left in the page", d.Meta.Audience, d.Meta.Lang)
		}
		name := "<bdi>" + contenttestOrg + "</bdi>"
		title := out[strings.Index(out, `<div class="local">`):]
		title = title[:strings.Index(title, "</h3>")]
		if got := strings.Contains(title, name); got != d.Meta.RTL {
			t.Errorf("%s (%s): the local list's title %q has the name isolated: %v, want %v", d.Meta.Audience, d.Meta.Lang, title, got, d.Meta.RTL)
		}
		if d.Meta.RTL {
			rtl++
		}
		if !strings.Contains(out, `<p class="org"><bdi>`+contenttestOrg+`</bdi></p>`) {
			t.Errorf("%s (%s): the organisation's name is not set in its own direction", d.Meta.Audience, d.Meta.Lang)
		}
	}
	if rtl == 0 {
		t.Fatal("no right-to-left document tested")
	}
	d := synthetic(t)
	d.Help.Local = &doc.Local{Title: "مساعدة محلية ذكرتها " + doc.Isolate("St. Mary's Centre (Surrey) 2.", true),
		Contacts: []doc.Contact{{Name: "Help & Hope (Surrey) 3.", Phone: "604-555-0199", Website: "hope.example.org", Email: "help@hope.example.org"}}}
	out := write(t, d)
	for _, want := range []string{
		`<h3>مساعدة محلية ذكرتها <bdi>St. Mary&#39;s Centre (Surrey) 2.</bdi></h3>`,
		`<h3><bdi>Help &amp; Hope (Surrey) 3.</bdi></h3>`,
		`<a href="https://hope.example.org"><bdi>hope.example.org</bdi></a> · <a href="mailto:help@hope.example.org"><bdi>help@hope.example.org</bdi></a>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// TestEnglishDraftLineIsEnglish: the English draft notice on a page in
// another language is marked English and isolated, so that a screen
// reader speaks it with an English voice and, on a right-to-left page,
// the browser sets it left to right, its full stop at its end (in the
// page's right-to-left paragraph it read ".Draft translation: …").
func TestEnglishDraftLineIsEnglish(t *testing.T) {
	d := synthetic(t)
	d.Footer.DraftEnglish = "Draft translation: not yet checked by a fluent speaker."
	out := write(t, d)
	checkMarkup(t, out)
	for _, want := range []string{
		`<p class="draft">ترجمة مسودة: لم يراجعها متحدث بطلاقة بعد.</p>`,
		`<p class="draft" lang="en"><bdi>Draft translation: not yet checked by a fluent speaker.</bdi></p>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// An English page has no draft notice; a notice the same in both
	// is printed once.
	d.Footer.Draft = d.Footer.DraftEnglish
	if out := write(t, d); strings.Count(out, "Draft translation") != 1 {
		t.Errorf("the same notice is printed %d times, want once", strings.Count(out, "Draft translation"))
	}
}
