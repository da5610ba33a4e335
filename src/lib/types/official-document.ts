// An administrative document in the layout of Decree 30/2020/NĐ-CP, as the server builds it for a
// Word file and a print page alike: the frame, the title, the body as blocks, recipients, signers.

/** The header: issuing body and number on the left, nation, motto and date line on the right. */
export interface OfficialFrame {
	body: string;
	number: string;
	nation: string;
	motto: string;
	dateLine: string;
}

export type DocumentBlock =
	| { kind: 'heading'; text: string }
	| { kind: 'paragraph'; text: string }
	| {
			kind: 'table';
			head: string[];
			rows: string[][];
			/** Columns read as numbers: aligned right. */
			numeric: boolean[];
	  };

export interface Signer {
	title: string;
	hint: string;
	name: string;
}

export interface OfficialDocument {
	frame: OfficialFrame;
	/** 'BÁO CÁO', 'PHIẾU ĐÁNH GIÁ'. */
	kind: string;
	subject: string;
	blocks: DocumentBlock[];
	recipients: { heading: string; lines: string[] };
	signers: Signer[];
}
