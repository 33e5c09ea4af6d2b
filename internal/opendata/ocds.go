package opendata

import (
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// The OCDS 1.1.5 documents, as far as the marketplace fills them in. Field
// names and closed codelists are the standard's; see docs/opendata.md for
// how each stage of an announcement and a contract maps onto them.

// BidsExtension is the bids extension's extension.json, declared in every
// package because releases carry bids.
const BidsExtension = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json"

// Version is the OCDS version the packages declare (major.minor).
const Version = "1.1"

// Amount is money in fen, written in JSON as yuan with two decimals
// (12345 fen → 123.45): exact, without a float anywhere on the way.
type Amount int64

// MarshalJSON writes the amount as a JSON number of yuan.
func (a Amount) MarshalJSON() ([]byte, error) {
	n := int64(a)
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	frac := strconv.FormatInt(n%100, 10)
	if len(frac) == 1 {
		frac = "0" + frac
	}
	return []byte(sign + strconv.FormatInt(n/100, 10) + "." + frac), nil
}

// Schema says the amount is a number in the API document.
func (Amount) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{Type: huma.TypeNumber, Description: "Yuan, exact to the fen"}
}

// Value is an amount in Chinese yuan.
type Value struct {
	Amount   Amount `json:"amount"`
	Currency string `json:"currency"`
}

func yuan(fen int64) *Value { return &Value{Amount: Amount(fen), Currency: "CNY"} }

// Publisher is who publishes the packages.
type Publisher struct {
	Name string `json:"name"`
	URI  string `json:"uri,omitempty"`
}

// Links holds the next page's address.
type Links struct {
	Next string `json:"next,omitempty"`
}

// ReleasePackage is a page of releases, in date order.
type ReleasePackage struct {
	URI           string    `json:"uri"`
	Version       string    `json:"version"`
	Extensions    []string  `json:"extensions"`
	PublishedDate time.Time `json:"publishedDate"`
	Publisher     Publisher `json:"publisher"`
	Releases      []Release `json:"releases" nullable:"false"`
	Links         *Links    `json:"links,omitempty" doc:"links.next is the next page; absent on the last"`
}

// RecordPackage holds the record of one contracting process.
type RecordPackage struct {
	URI           string    `json:"uri"`
	Version       string    `json:"version"`
	Extensions    []string  `json:"extensions"`
	PublishedDate time.Time `json:"publishedDate"`
	Publisher     Publisher `json:"publisher"`
	Records       []Record  `json:"records" nullable:"false"`
}

// Record is every release of one ocid and the compiled release.
type Record struct {
	OCID            string    `json:"ocid"`
	Releases        []Release `json:"releases" nullable:"false"`
	CompiledRelease *Release  `json:"compiledRelease"`
}

// Release is one OCDS release.
type Release struct {
	OCID           string         `json:"ocid"`
	ID             string         `json:"id"`
	Date           time.Time      `json:"date"`
	Tag            []string       `json:"tag"`
	InitiationType string         `json:"initiationType"`
	Language       string         `json:"language"`
	Parties        []Organization `json:"parties,omitempty"`
	Buyer          *OrgRef        `json:"buyer,omitempty"`
	Tender         *Tender        `json:"tender,omitempty"`
	Bids           *Bids          `json:"bids,omitempty"`
	Awards         []Award        `json:"awards,omitempty"`
	Contracts      []Contract     `json:"contracts,omitempty"`
}

// Identifier is an organisation's unified social credit code.
type Identifier struct {
	Scheme    string `json:"scheme"`
	ID        string `json:"id"`
	LegalName string `json:"legalName,omitempty"`
}

// Organization is a party with its roles.
type Organization struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Identifier Identifier `json:"identifier"`
	Roles      []string   `json:"roles"`
}

// OrgRef refers to a party.
type OrgRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Period is a span of time.
type Period struct {
	StartDate *time.Time `json:"startDate,omitempty"`
	EndDate   *time.Time `json:"endDate,omitempty"`
}

// Classification names the service item.
type Classification struct {
	Scheme      string `json:"scheme"`
	ID          string `json:"id"`
	Description string `json:"description,omitempty"`
}

// Item is what is procured: one intermediary service item.
type Item struct {
	ID             string          `json:"id"`
	Description    string          `json:"description,omitempty"`
	Classification *Classification `json:"classification,omitempty"`
}

// Amendment records a change, e.g. the reason of a cancellation.
type Amendment struct {
	ID        string    `json:"id"`
	Date      time.Time `json:"date"`
	Rationale string    `json:"rationale"`
}

// Tender is the announcement.
type Tender struct {
	ID                       string      `json:"id"`
	Title                    string      `json:"title,omitempty"`
	Description              string      `json:"description,omitempty"`
	Status                   string      `json:"status,omitempty"`
	ProcuringEntity          *OrgRef     `json:"procuringEntity,omitempty"`
	Items                    []Item      `json:"items,omitempty"`
	Value                    *Value      `json:"value,omitempty"`
	ProcurementMethod        string      `json:"procurementMethod,omitempty"`
	ProcurementMethodDetails string      `json:"procurementMethodDetails,omitempty"`
	MainProcurementCategory  string      `json:"mainProcurementCategory,omitempty"`
	AwardCriteria            string      `json:"awardCriteria,omitempty"`
	AwardCriteriaDetails     string      `json:"awardCriteriaDetails,omitempty"`
	TenderPeriod             *Period     `json:"tenderPeriod,omitempty"`
	NumberOfTenderers        *int        `json:"numberOfTenderers,omitempty"`
	Tenderers                []OrgRef    `json:"tenderers,omitempty"`
	Amendments               []Amendment `json:"amendments,omitempty"`
}

// Bids are the registrations, published once registration has closed.
type Bids struct {
	Details []Bid `json:"details"`
}

// Bid is one registration and, where the method publishes it, its quote.
type Bid struct {
	ID        string   `json:"id"`
	Status    string   `json:"status"`
	Tenderers []OrgRef `json:"tenderers"`
	Value     *Value   `json:"value,omitempty"`
}

// Award is a selection: pending during publicity, active once awarded,
// cancelled when voided.
type Award struct {
	ID        string     `json:"id"`
	Title     string     `json:"title,omitempty"`
	Status    string     `json:"status"`
	Date      *time.Time `json:"date,omitempty"`
	Value     *Value     `json:"value,omitempty"`
	Suppliers []OrgRef   `json:"suppliers"`
}

// Contract is a contract registered by both parties.
type Contract struct {
	ID             string          `json:"id"`
	AwardID        string          `json:"awardID"`
	Title          string          `json:"title,omitempty"`
	Status         string          `json:"status"`
	Period         *Period         `json:"period,omitempty"`
	Value          *Value          `json:"value,omitempty"`
	DateSigned     *time.Time      `json:"dateSigned,omitempty"`
	Implementation *Implementation `json:"implementation,omitempty"`
}

// Implementation holds the payments made under a contract.
type Implementation struct {
	Transactions []Transaction `json:"transactions"`
}

// Transaction is a payment from the owner to the agency.
type Transaction struct {
	ID    string    `json:"id"`
	Date  time.Time `json:"date"`
	Value *Value    `json:"value"`
	Payer *OrgRef   `json:"payer"`
	Payee *OrgRef   `json:"payee"`
}
