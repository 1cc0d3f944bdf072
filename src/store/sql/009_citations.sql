-- zicha migration 009: 作为依据 (issue 15). Which verdicts of its person an
-- attachment is cited for: "学历为‘是’，依据：张三学历备案表.pdf". One row per
-- attachment and 核查项目 (the label: 真实执业, 学历, 职称). A file added with a
-- category that supports a verdict is cited for it when added; the clerk may
-- cite any current file for any verdict, or take a citation back. A removed
-- attachment's citations stay with its row and stop counting, as its row does.
CREATE TABLE attachment_citations (
    attachment_id INTEGER NOT NULL REFERENCES attachments(id),
    kind          TEXT NOT NULL CHECK (kind IN ('真实执业', '学历', '职称')),
    PRIMARY KEY (attachment_id, kind)
);

-- The files already kept are cited for what their category supports, so
-- nothing that was supported before this version loses its support.
INSERT INTO attachment_citations (attachment_id, kind)
SELECT id, CASE
        WHEN kind IN ('学历备案表', '学历认证报告', '学位证书') THEN '学历'
        WHEN kind IN ('职称证书', '职称评审表', '职改批文', '人社查询截图') THEN '职称'
        ELSE '真实执业'
    END
FROM attachments
WHERE kind IN ('学历备案表', '学历认证报告', '学位证书', '职称证书', '职称评审表', '职改批文',
               '人社查询截图', '参保缴费证明', '劳动合同', '工作见证');
