-- zicha schema version 3: no change of structure. The hook that runs with this
-- migration rewrites every stored 姓名 and 身份证号 as typing them now keeps
-- them (src/store/normalise.rs) and records each change in the 修改记录.
SELECT 1;
