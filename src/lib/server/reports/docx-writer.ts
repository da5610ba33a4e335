// An official document as a Word file: A4, Times New Roman, the margins and the two-column header
// of Decree 30/2020/NĐ-CP. Everything stays editable text: numbers, recipients, signer's name.
import {
	AlignmentType,
	BorderStyle,
	Document,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	UnderlineType,
	WidthType,
	type IRunOptions
} from 'docx';
import type { DocumentBlock, OfficialDocument, Signer } from '../../types/official-document';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Millimetres in twentieths of a point, Word's page unit. */
const mm = (value: number) => Math.round((value * 1440) / 25.4);
/** Points in half-points, Word's font size unit. */
const pt = (value: number) => value * 2;
const FONT = 'Times New Roman';
/** The text width of an A4 page between 30 mm and 15 mm margins. */
const TEXT_WIDTH = mm(210 - 30 - 15);

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
	top: NONE,
	bottom: NONE,
	left: NONE,
	right: NONE,
	insideHorizontal: NONE,
	insideVertical: NONE
};
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID = {
	top: LINE,
	bottom: LINE,
	left: LINE,
	right: LINE,
	insideHorizontal: LINE,
	insideVertical: LINE
};

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

function line(
	text: string,
	run: Partial<IRunOptions> = {},
	alignment: Align = AlignmentType.CENTER,
	after = 0
): Paragraph {
	return new Paragraph({
		alignment,
		spacing: { after, line: 276 },
		children: [new TextRun({ text, font: FONT, size: pt(13), ...run })]
	});
}

/** A cell of a borderless layout table. */
function layoutCell(width: number, children: Paragraph[]): TableCell {
	return new TableCell({
		width: { size: width, type: WidthType.DXA },
		borders: NO_BORDERS,
		children
	});
}

function layoutTable(widths: number[], cells: Paragraph[][]): Table {
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: widths,
		borders: NO_BORDERS,
		rows: [new TableRow({ children: cells.map((c, i) => layoutCell(widths[i], c)) })]
	});
}

function header(doc: OfficialDocument): Table {
	const { frame } = doc;
	const left = Math.round(TEXT_WIDTH * 0.4);
	return layoutTable(
		[left, TEXT_WIDTH - left],
		[
			[line(frame.body, { bold: true }), line('────────', { size: pt(10) }), line(frame.number)],
			[
				line(frame.nation, { bold: true, size: pt(12) }),
				line(
					frame.motto,
					{ bold: true, size: pt(14), underline: { type: UnderlineType.SINGLE } },
					AlignmentType.CENTER,
					120
				),
				line(frame.dateLine, { italics: true, size: pt(14) })
			]
		]
	);
}

function tableBlock(block: Extract<DocumentBlock, { kind: 'table' }>): Table {
	const cell = (text: string, index: number, head: boolean) =>
		new TableCell({
			children: [
				line(
					text,
					{ bold: head, size: pt(12) },
					head
						? AlignmentType.CENTER
						: block.numeric[index]
							? AlignmentType.RIGHT
							: AlignmentType.LEFT
				)
			]
		});
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		borders: GRID,
		rows: [
			new TableRow({
				tableHeader: true,
				cantSplit: true,
				children: block.head.map((t, i) => cell(t, i, true))
			}),
			...block.rows.map(
				(row) => new TableRow({ cantSplit: true, children: row.map((t, i) => cell(t, i, false)) })
			)
		]
	});
}

function bodyBlock(block: DocumentBlock): (Paragraph | Table)[] {
	const paragraph = (text: string, bold: boolean) =>
		new Paragraph({
			alignment: AlignmentType.JUSTIFIED,
			indent: bold ? undefined : { firstLine: mm(10) },
			spacing: { before: bold ? 120 : 0, after: 120, line: 276 },
			keepNext: bold,
			children: [new TextRun({ text, font: FONT, size: pt(14), bold })]
		});
	if (block.kind === 'heading') return [paragraph(block.text, true)];
	if (block.kind === 'paragraph') return [paragraph(block.text, false)];
	return [tableBlock(block), new Paragraph({ children: [] })];
}

function signature(signer: Signer): Paragraph[] {
	return [
		line(signer.title, { bold: true }),
		line(signer.hint, { italics: true }),
		...[1, 2, 3, 4].map(() => line('')),
		line(signer.name, { bold: true })
	];
}

function footer(doc: OfficialDocument): Table {
	const recipients = [
		line(doc.recipients.heading, { bold: true, italics: true, size: pt(12) }, AlignmentType.LEFT),
		...doc.recipients.lines.map((text) => line(text, { size: pt(11) }, AlignmentType.LEFT))
	];
	const signers = doc.signers.map(signature);
	// One signer beside the recipients; several (a record's) in a row of their own below them.
	if (signers.length === 1) {
		const left = Math.round(TEXT_WIDTH * 0.45);
		return layoutTable([left, TEXT_WIDTH - left], [recipients, signers[0]]);
	}
	const width = Math.floor(TEXT_WIDTH / signers.length);
	return layoutTable(
		signers.map(() => width),
		signers
	);
}

export async function writeDocx(doc: OfficialDocument): Promise<Uint8Array<ArrayBuffer>> {
	const children = [
		header(doc),
		line(''),
		line(doc.kind, { bold: true, size: pt(14) }),
		line(doc.subject, { bold: true, size: pt(14) }, AlignmentType.CENTER, 240),
		...doc.blocks.flatMap(bodyBlock),
		line(''),
		footer(doc)
	];
	if (doc.signers.length > 1)
		children.push(
			line(doc.recipients.heading, { bold: true, italics: true, size: pt(12) }, AlignmentType.LEFT),
			...doc.recipients.lines.map((text) => line(text, { size: pt(11) }, AlignmentType.LEFT))
		);
	const file = new Document({
		creator: doc.frame.body,
		title: `${doc.kind} ${doc.subject}`,
		styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
		sections: [
			{
				properties: {
					page: {
						size: { width: mm(210), height: mm(297) },
						margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) }
					}
				},
				children
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(file));
}
