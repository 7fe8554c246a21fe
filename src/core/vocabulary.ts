/**
 * The identifiers used in every interface (spec §3): subject types, award tiers, rounds and
 * achievement levels, with the Vietnamese labels officials write in their sheets.
 */

export const SUBJECT_IDS = [
  'co-quan',
  'huyen',
  'xa',
  'thon',
  'doanh-nghiep',
  'hop-tac-xa',
  'ngan-hang',
  'ho-gia-dinh',
  'can-bo',
  'nguoi-lao-dong',
  'khac',
] as const;
/** A subject type of the shared vocabulary (spec §3). */
export type StandardSubjectId = (typeof SUBJECT_IDS)[number];
/** A shared subject type, or one a plan declares for itself (plan field `subjectTypes`, e.g. "dac-khu"). */
export type SubjectId = StandardSubjectId | (string & {});

export function isStandardSubject(id: string): id is StandardSubjectId {
  return (SUBJECT_IDS as readonly string[]).includes(id);
}

/** Labels recognised for each subject type (spec §3), the first being the one templates use. */
export const SUBJECT_LABELS: Record<StandardSubjectId, readonly string[]> = {
  'co-quan': [
    'Cơ quan, đơn vị',
    'Phòng, ban, ngành',
    'Sở, ban, ngành',
    'Mặt trận Tổ quốc, đoàn thể',
    'Tổ chức chính trị - xã hội',
    'Hội xã hội',
    'Lực lượng vũ trang',
    // Shapes seen in commendation-management exports (catalogue "Phân loại đối tượng").
    'Cơ quan',
    'Đơn vị',
    'Cơ quan hành chính',
    'Cơ quan hành chính, sự nghiệp',
    'Cơ quan Đảng',
    'Đơn vị sự nghiệp',
    'Cơ quan Trung ương đóng trên địa bàn',
    'Đoàn thể',
    'Phòng ban',
    'Ủy ban Mặt trận Tổ quốc',
    // How plans name the Front and the socio-political organisations (003 §IV.1.1•2 scopes to them).
    'Ủy ban Mặt trận Tổ quốc Việt Nam',
    'Ủy ban MTTQ Việt Nam',
    'Ủy ban MTTQ',
    'Mặt trận Tổ quốc',
    'MTTQ',
    'Tổ chức chính trị xã hội',
  ],
  huyen: ['Huyện', 'Thành phố', 'Thị xã'],
  xa: ['Xã', 'Phường', 'Thị trấn'],
  thon: ['Thôn', 'Tổ dân phố', 'Xóm', 'Bản', 'Bon', 'Buôn', 'Khu dân cư', 'Thôn, xóm', 'Thôn, tổ dân phố'],
  'doanh-nghiep': ['Doanh nghiệp'],
  'hop-tac-xa': ['Hợp tác xã', 'Mô hình kinh tế', 'HTX'],
  'ngan-hang': ['Ngân hàng', 'Tổ chức tín dụng'],
  'ho-gia-dinh': ['Hộ gia đình', 'Gia đình', 'Hộ nghèo', 'Hộ cận nghèo', 'Hộ mới thoát nghèo', 'Hộ'],
  'can-bo': [
    'Cán bộ, công chức, viên chức',
    'CBCCVC',
    'Cán bộ',
    'Công chức',
    'Viên chức',
    'CBCC',
    // Categories of commendation-management systems ("Phân loại đối tượng").
    'Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên',
    'Lãnh đạo cấp vụ, sở, ngành và tương đương',
    'Các cấp lãnh đạo từ phó phòng trở lên',
  ],
  'nguoi-lao-dong': [
    'Người lao động',
    'Nông dân',
    'Công nhân',
    'Xã viên',
    'Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu',
  ],
  khac: [
    'Đối tượng khác',
    'Tổ chức, cá nhân khác',
    'Doanh nhân',
    'Trí thức',
    'Nhà khoa học',
    'Tổ chức quốc tế',
    'Tổ chức phi chính phủ nước ngoài',
    'Người Việt Nam định cư ở nước ngoài',
    'Khác',
  ],
};

/** Subject types whose rows name a person or a household: they need Chức vụ, đơn vị công tác (spec §4). */
export const UNIT_SUBJECTS: readonly StandardSubjectId[] = ['can-bo', 'nguoi-lao-dong', 'ho-gia-dinh'];

export const SUBJECT_NAMES_VI: Record<StandardSubjectId, string> = {
  'co-quan': 'Cơ quan, đơn vị',
  huyen: 'Huyện',
  xa: 'Xã',
  thon: 'Thôn',
  'doanh-nghiep': 'Doanh nghiệp',
  'hop-tac-xa': 'Hợp tác xã',
  'ngan-hang': 'Ngân hàng',
  'ho-gia-dinh': 'Hộ gia đình',
  'can-bo': 'Cán bộ, công chức, viên chức',
  'nguoi-lao-dong': 'Người lao động',
  khac: 'Đối tượng khác',
};

/** Award tiers, lowest first; the index is the rank minus one. */
export const TIER_IDS = ['giay-khen-xa', 'giay-khen', 'bang-khen-tinh', 'bang-khen-ttg', 'huan-chuong-lao-dong'] as const;
/** An award tier of the shared vocabulary (spec §3). */
export type StandardTierId = (typeof TIER_IDS)[number];
/** A shared award tier, or an award form a plan declares for itself (plan field `awardForms`, e.g. "co-thi-dua"). */
export type TierId = StandardTierId | (string & {});

export function isStandardTier(id: string): id is StandardTierId {
  return (TIER_IDS as readonly string[]).includes(id);
}

export const TIER_LABELS_VI: Record<StandardTierId, string> = {
  'giay-khen-xa': 'Giấy khen của Chủ tịch UBND cấp xã',
  'giay-khen': 'Giấy khen',
  'bang-khen-tinh': 'Bằng khen của Chủ tịch UBND tỉnh',
  'bang-khen-ttg': 'Bằng khen của Thủ tướng Chính phủ',
  'huan-chuong-lao-dong': 'Huân chương Lao động',
};

/** Rank of a shared tier (1 = lowest); a plan's own award forms carry their rank in the plan. */
export function tierRank(tier: StandardTierId): number {
  return TIER_IDS.indexOf(tier) + 1;
}

export const ROUND_IDS = ['annual', 'so-ket', 'tong-ket'] as const;
export type RoundId = (typeof ROUND_IDS)[number];

export const ROUND_LABELS_VI: Record<RoundId, string> = {
  annual: 'Hằng năm',
  'so-ket': 'Sơ kết',
  'tong-ket': 'Tổng kết',
};

/** Achievement levels (Mức thành tích), lowest first. */
export const LEVEL_IDS = ['xuat-sac', 'tieu-bieu-xuat-sac', 'dac-biet-xuat-sac'] as const;
export type LevelId = (typeof LEVEL_IDS)[number];

export const LEVEL_LABELS_VI: Record<LevelId, string> = {
  'xuat-sac': 'Xuất sắc',
  'tieu-bieu-xuat-sac': 'Tiêu biểu xuất sắc',
  'dac-biet-xuat-sac': 'Đặc biệt xuất sắc',
};

export function levelRank(level: LevelId): number {
  return LEVEL_IDS.indexOf(level) + 1;
}

